namespace Billing.Tests.Deploy;

/// <summary>
/// The function.json schema as <see cref="Draft07Schema"/> loads it gives the draft-07 answers. Each expected value
/// was computed with Python jsonschema 4.26 <c>Draft7Validator</c>; rows marked "draft-04 differs" are the cases
/// where a draft-04 evaluator (and NJsonSchema on the unmodified file) answers the other way.
/// </summary>
public sealed class Draft07SchemaTests
{
    [Theory]
    [InlineData("""{"bindings":[{"type":"serviceBusTrigger","direction":"in","name":"m","queueName":"%Q%","connection":"C"}]}""", true)] // draft-04 differs
    [InlineData("""{"bindings":[{"type":"serviceBus","direction":"out","name":"m","queueName":"%Q%"}]}""", true)] // draft-04 differs
    [InlineData("""{"bindings":[{"type":"timerTrigger","direction":"in","name":"t","schedule":"%S%"}]}""", true)] // draft-04 differs
    [InlineData("""{"bindings":[{"type":"httpTrigger","direction":"in","name":"req","methods":["post"]},{"type":"http","direction":"out","name":"res"}]}""", true)] // draft-04 differs
    [InlineData("""{"bindings":[{"type":"sql","direction":"out","name":"t","commandText":"x"}]}""", true)] // draft-04 differs
    [InlineData("""{"bindings":[{"type":"cosmosDBTrigger","direction":"in","name":"t"}]}""", true)] // draft-04 differs
    [InlineData("""{"bindings":[{"type":"httpTrigger","direction":"in","name":"req","methods":["GET"]}]}""", false)] // draft-04 differs
    [InlineData("""{"bindings":[{"type":"serviceBus","direction":"in","name":"m"}]}""", false)] // draft-04 differs
    [InlineData("""{"bindings":[{"type":"http","direction":"in","name":"res"}]}""", false)] // draft-04 differs
    [InlineData("""{"bindings":[{"type":"serviceBusTrigger","direction":"out","name":"m"}]}""", false)]
    [InlineData("""{"bindings":[{"type":"serviceBusTrigger","name":"m","queueName":"q"}]}""", false)]
    [InlineData("""{"bindings":[{"type":"timerTrigger","direction":"out","name":"t"}]}""", false)]
    [InlineData("""{"bindings":[{"type":"cosmosDBTrigger","direction":"sideways","name":"t"}]}""", false)]
    [InlineData("""{"retry":{"strategy":"fixedDelay","delayInterval":"5s"},"bindings":[]}""", false)]
    public async Task Function_schema_is_evaluated_with_draft_07_rules(string functionJson, bool valid)
    {
        var schema = await Draft07Schema.LoadAsync(Draft07Schema.TestDataPath("function.schema.json"));

        var errors = schema.Validate(functionJson);

        Assert.True(valid == (errors.Count == 0), $"expected {(valid ? "valid" : "invalid")}: {string.Join("; ", errors)}");
    }
}

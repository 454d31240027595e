// Billing: Azure Functions Flex Consumption app running the .NET custom handler, with its Service Bus usage
// queue, storage, Key Vault secrets, monitoring and the role assignments of its user-assigned identity.
// Deploy: az deployment group create -g <rg> --template-file infra/bicep/main.bicep --parameters infra/bicep/main.bicepparam
targetScope = 'resourceGroup'

@description('Short lowercase name used to derive resource names, e.g. "billing-dev".')
@minLength(3)
@maxLength(16)
param baseName string

@description('Function app name (global: <appName>.azurewebsites.net).')
@minLength(2)
@maxLength(60)
param appName string = 'func-${baseName}-${uniqueString(resourceGroup().id)}'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Service Bus queue that carries usage events to UsageIngest.')
@minLength(1)
@maxLength(260)
param usageQueueName string = 'usage'

@description('Deliveries before a usage message is dead-lettered.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int = 10

@description('Peek-lock duration of the usage queue (ISO 8601, at most PT5M).')
param lockDuration string = 'PT1M'

@description('Longest a check answer may rest on a cached read (Check__Cache__Window, hh:mm:ss; 00:00:00 turns the cache off).')
param checkCacheWindow string = '00:00:01'

@description('What /api/check answers for a subject with no account (Check__UnknownSubjects).')
param unknownSubjects string = 'Allow'

@description('Enable Key Vault purge protection (irreversible; blocks re-creating the same vault name for 90 days).')
param keyVaultPurgeProtection bool = true

@description('Tags applied to every resource.')
param tags { *: string } = {
  app: 'billing'
}

// Secrets: at least 16 characters, so a deployment with an unset BILLING_* environment variable fails before
// anything is created instead of storing an empty key.
@description('Bearer key LiteLLM sends to /api/usage, or a comma-separated list (two keys while rotating). Stored as Key Vault secret ingest-key.')
@secure()
@minLength(16)
param ingestKey string

@description('Key for the admin endpoints, or a comma-separated list (two keys while rotating). Stored as Key Vault secret admin-key.')
@secure()
@minLength(16)
param adminKey string

@description('Keys accepted by /api/check, comma-separated (two or more while rotating). Stored as Key Vault secret check-keys.')
@secure()
@minLength(16)
param checkKeys string

@description('NCRONTAB schedule (with seconds) of the BudgetRollover timer: closes finished budget periods.')
param budgetRolloverSchedule string = '0 */5 * * * *'

@description('NCRONTAB schedule (with seconds) of the BudgetAlerts timer: emails owners when a threshold is crossed.')
param budgetAlertsSchedule string = '0 * * * * *'

@description('SMTP relay for alert emails (for example smtp.sendgrid.net or an Azure Communication Services SMTP host). Empty: alerts wait, unsent.')
param smtpHost string = ''

@description('SMTP port.')
param smtpPort int = 587

@description('SMTP transport security: None, StartTls, SslOnConnect or Auto.')
@allowed([
  'None'
  'StartTls'
  'SslOnConnect'
  'Auto'
])
param smtpSecurity string = 'StartTls'

@description('SMTP user name; empty for no authentication.')
param smtpUsername string = ''

@description('SMTP password. Stored as Key Vault secret smtp-password.')
@secure()
param smtpPassword string = ''

@description('Sender of alert emails, e.g. "Billing <billing@example.com>".')
param smtpFrom string = ''

@description('Lago base URL without /api/v1, e.g. https://api.getlago.com or https://api.eu.getlago.com. Empty: the Lago sync is off.')
param lagoApiUrl string = ''

@description('Lago API key. Stored as Key Vault secret lago-api-key.')
@secure()
param lagoApiKey string = ''

@description('Lago billable metric code of the usage events.')
param lagoEventCode string = 'llm_usage'

@description('Subject kind that is Lago\'s customer (LiteLLM\'s LAGO_API_CHARGE_BY): team, user, end_user, org or key.')
param lagoChargeBy string = 'team'

@description('HMAC key of the Lago webhook endpoint ("HMAC Signature Token"). Stored as Key Vault secret lago-webhook-secret.')
@secure()
param lagoWebhookSecret string = ''

@description('HMAC key (at least 32 characters) of the signed links to the owners\' page (GET /accounts/{subject}). Stored as Key Vault secret dashboard-signing-key. Empty: signed links are off and alert emails carry no link.')
@secure()
param dashboardSigningKey string = ''

@description('How long a link in an alert email works (.NET TimeSpan).')
param dashboardLinkLifetime string = '7.00:00:00'

@description('The app\'s public base URL (https://<host>, or a custom domain) that alert emails link the owners\' page under. Empty: no link.')
param pageUrl string = ''

@description('Lago\'s RSA public key for jwt-signed webhooks (PEM or its base64, from GET /api/v1/webhooks/json_public_key). Public, not a secret.')
param lagoWebhookPublicKey string = ''

@description('NCRONTAB (with seconds) of the LagoPush timer.')
param lagoPushSchedule string = '0 * * * * *'

@description('NCRONTAB (with seconds) of the LagoPull timer.')
param lagoPullSchedule string = '0 */5 * * * *'

// ---- names -------------------------------------------------------------------------------------------------
var suffix = uniqueString(resourceGroup().id)
var compactBase = toLower(replace(baseName, '-', ''))
var names = {
  identity: 'id-${baseName}'
  workspace: 'log-${baseName}'
  appInsights: 'appi-${baseName}'
  storage: take('st${compactBase}${suffix}', 24)
  serviceBus: 'sb-${baseName}-${suffix}'
  keyVault: take('kv${compactBase}${suffix}', 24)
  plan: 'asp-${baseName}'
  deploymentContainer: 'app-package'
}

// ---- resources ---------------------------------------------------------------------------------------------
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: names.storage
    deploymentContainerName: names.deploymentContainer
    tags: tags
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    namespaceName: names.serviceBus
    usageQueueName: usageQueueName
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: names.keyVault
    enablePurgeProtection: keyVaultPurgeProtection
    ingestKey: ingestKey
    adminKey: adminKey
    checkKeys: checkKeys
    smtpPassword: smtpPassword
    storeSmtpPassword: !empty(smtpPassword)
    lagoApiKey: lagoApiKey
    storeLagoApiKey: !empty(lagoApiKey)
    lagoWebhookSecret: lagoWebhookSecret
    storeLagoWebhookSecret: !empty(lagoWebhookSecret)
    dashboardSigningKey: dashboardSigningKey
    storeDashboardSigningKey: !empty(dashboardSigningKey)
    tags: tags
  }
}

// Names (not module outputs) keep the scopes known before deployment, so What-If stays precise; the dependsOn
// makes the scoped resources exist first.
module roles 'modules/roles.bicep' = {
  name: 'roles'
  dependsOn: [
    monitoring
    storage
    serviceBus
    keyVault
  ]
  params: {
    identityId: identity.id
    principalId: identity.properties.principalId
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
  }
}

// ---- app settings ------------------------------------------------------------------------------------------
// ONE object = every setting the app reads. A new function is one folder (function.json) in the package plus,
// if it needs configuration, ONE entry in featureSettings below. Nothing else changes.
var clientId = identity.properties.clientId

// Platform: Functions host storage, Application Insights (Entra auth), identity-based Service Bus connection.
var platformSettings = {
  AzureWebJobsStorage__accountName: storage.outputs.accountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${clientId};Authorization=AAD'
  ServiceBusConnection__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: clientId
  AZURE_CLIENT_ID: clientId
}

// Features: what the Billing handler itself binds (secrets only as Key Vault references, never literals).
var featureSettings = {
  UsageQueueName: serviceBus.outputs.usageQueueName
  Storage__TableServiceUri: storage.outputs.tableEndpoint
  Storage__ClientId: clientId
  Storage__TablePrefix: 'billing'
  Auth__IngestKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.secretUris.ingestKey})'
  Auth__AdminKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.secretUris.adminKey})'
  Auth__CheckKeys: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.secretUris.checkKeys})'
  Webhook__MaxBodyBytes: '33554432'
  Webhook__MaxMessageBytes: '196608'
  Check__UnknownSubjects: unknownSubjects
  Check__Cache__Window: checkCacheWindow
  Timers__BudgetRollover__Schedule: budgetRolloverSchedule
  Timers__BudgetAlerts__Schedule: budgetAlertsSchedule
  Timers__BudgetAlerts__PageUrl: pageUrl
  Dashboard__SigningKey: empty(dashboardSigningKey) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.secretUris.dashboardSigningKey})'
  Dashboard__LinkLifetime: dashboardLinkLifetime
  Smtp__Host: smtpHost
  Smtp__Port: string(smtpPort)
  Smtp__Security: smtpSecurity
  Smtp__Username: smtpUsername
  Smtp__Password: empty(smtpPassword) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.secretUris.smtpPassword})'
  Smtp__From: smtpFrom
  Lago__ApiUrl: lagoApiUrl
  Lago__ApiKey: empty(lagoApiKey) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.secretUris.lagoApiKey})'
  Lago__EventCode: lagoEventCode
  Lago__ChargeBy: lagoChargeBy
  Lago__WebhookSecret: empty(lagoWebhookSecret) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.secretUris.lagoWebhookSecret})'
  Lago__WebhookPublicKey: lagoWebhookPublicKey
  Timers__LagoPush__Schedule: lagoPushSchedule
  Timers__LagoPull__Schedule: lagoPullSchedule
}

var appSettings = union(platformSettings, featureSettings)

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // Roles first, so the first start can read the package, host storage and Key Vault references.
  dependsOn: [
    roles
  ]
  params: {
    location: location
    planName: names.plan
    appName: appName
    identityId: identity.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
    tags: tags
  }
}

// ---- outputs -----------------------------------------------------------------------------------------------
var functionAppUrl = 'https://${functionApp.outputs.defaultHostName}'
var usageWebhookUrl = '${functionAppUrl}/api/usage'

@description('Base URL of the function app.')
output functionAppUrl string = functionAppUrl

@description('LiteLLM generic_api callback endpoint (POST, Bearer <ingest-key>).')
output usageWebhookUrl string = usageWebhookUrl

@description('Entitlement check endpoint.')
output checkUrl string = '${functionAppUrl}/api/check'

@description('Blob container to upload the deployment package to.')
output deploymentContainerUrl string = storage.outputs.deploymentContainerUrl

@description('Key Vault holding ingest-key, admin-key and check-keys.')
output keyVaultName string = keyVault.outputs.vaultName

@description('LiteLLM proxy config snippet. The key itself is Key Vault secret ingest-key; give the proxy BILLING_AUTHORIZATION="Bearer <key>" (LiteLLM resolves os.environ/ only for a whole value).')
output litellmCallbackSettings string = join(
  [
    'litellm_settings:'
    '  callbacks: ["billing"]'
    'callback_settings:'
    '  billing:'
    '    callback_type: generic_api'
    '    endpoint: ${usageWebhookUrl}'
    '    headers:'
    '      Authorization: os.environ/BILLING_AUTHORIZATION'
    ''
  ],
  '\n'
)

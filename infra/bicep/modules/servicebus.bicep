// Service Bus namespace (Standard, Entra-only auth) and the usage queue the UsageIngest function consumes.

@description('Azure region.')
param location string

@description('Service Bus namespace name (6-50 characters, globally unique).')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Usage queue name (app setting UsageQueueName, function.json "%UsageQueueName%").')
param usageQueueName string

@description('Deliveries before Service Bus dead-letters a message (each failed invocation = one delivery).')
@minValue(1)
param maxDeliveryCount int

@description('Peek-lock duration (ISO 8601, at most PT5M).')
param lockDuration string

@description('Tags applied to every resource.')
param tags { *: string }

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource usageQueue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: namespace
  name: usageQueueName
  properties: {
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
    // Output-binding messages get random MessageIds (the host's StringToMessageConverter), so duplicate
    // detection could never match a resend. Idempotency lives in the ledger, keyed by the usage event id.
    requiresDuplicateDetection: false
    requiresSession: false
    enablePartitioning: false
  }
}

@description('Host name for ServiceBusConnection__fullyQualifiedNamespace, e.g. <ns>.servicebus.windows.net (derived from the endpoint, so it is right in every cloud).')
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]

@description('Usage queue name.')
output usageQueueName string = usageQueue.name

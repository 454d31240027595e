// Key Vault (RBAC authorization, soft delete) holding the app's shared secrets. The function app reads them
// through Key Vault references (@Microsoft.KeyVault(SecretUri=...)) resolved with the user-assigned identity,
// which holds Key Vault Secrets User on this vault (roles.bicep). Secret values never appear in app settings,
// outputs or the deployment history (secure parameters).

@description('Azure region.')
param location string

@description('Key Vault name (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Enable purge protection (irreversible; a deleted vault name stays reserved for the retention period).')
param enablePurgeProtection bool

@description('Value of secret ingest-key (Auth__IngestKey).')
@secure()
param ingestKey string

@description('Value of secret admin-key (Auth__AdminKey).')
@secure()
param adminKey string

@description('Value of secret check-keys (Auth__CheckKeys).')
@secure()
param checkKeys string

@description('Value of secret smtp-password (Smtp__Password); may be empty when the relay needs no login.')
@secure()
param smtpPassword string

@description('Whether smtpPassword is given (the secret is created only then).')
param storeSmtpPassword bool

@description('Value of secret lago-api-key (Lago__ApiKey).')
@secure()
param lagoApiKey string = ''

@description('Whether lagoApiKey is given (the secret is created only then).')
param storeLagoApiKey bool = false

@description('Value of secret lago-webhook-secret (Lago__WebhookSecret).')
@secure()
param lagoWebhookSecret string = ''

@description('Whether lagoWebhookSecret is given (the secret is created only then).')
param storeLagoWebhookSecret bool = false

@description('Value of secret dashboard-signing-key (Dashboard__SigningKey: the HMAC key of the owners\' page links).')
@secure()
param dashboardSigningKey string = ''

@description('Whether dashboardSigningKey is given (the secret is created only then).')
param storeDashboardSigningKey bool = false

@description('Tags applied to every resource.')
param tags { *: string }

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // ARM rejects an explicit false once enabled; null leaves it off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource ingestKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'ingest-key'
  properties: {
    value: ingestKey
    contentType: 'text/plain'
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'admin-key'
  properties: {
    value: adminKey
    contentType: 'text/plain'
  }
}

resource checkKeysSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'check-keys'
  properties: {
    value: checkKeys
    contentType: 'text/plain'
  }
}

// Only when a password is given: an SMTP relay without login needs no secret.
resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (storeSmtpPassword) {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
    contentType: 'text/plain'
  }
}

// Lago secrets, only when given.
resource lagoApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (storeLagoApiKey) {
  parent: vault
  name: 'lago-api-key'
  properties: {
    value: lagoApiKey
    contentType: 'text/plain'
  }
}

resource lagoWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (storeLagoWebhookSecret) {
  parent: vault
  name: 'lago-webhook-secret'
  properties: {
    value: lagoWebhookSecret
    contentType: 'text/plain'
  }
}

resource dashboardSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (storeDashboardSigningKey) {
  parent: vault
  name: 'dashboard-signing-key'
  properties: {
    value: dashboardSigningKey
    contentType: 'text/plain'
  }
}

@description('Key Vault name.')
output vaultName string = vault.name

@description('Versionless secret URIs (the app picks up a new secret version on its next reference refresh); smtpPassword is empty when none was given.')
output secretUris {
  ingestKey: string
  adminKey: string
  checkKeys: string
  smtpPassword: string
  lagoApiKey: string
  lagoWebhookSecret: string
  dashboardSigningKey: string
} = {
  ingestKey: ingestKeySecret.properties.secretUri
  adminKey: adminKeySecret.properties.secretUri
  checkKeys: checkKeysSecret.properties.secretUri
  smtpPassword: storeSmtpPassword ? smtpPasswordSecret!.properties.secretUri : ''
  lagoApiKey: storeLagoApiKey ? lagoApiKeySecret!.properties.secretUri : ''
  lagoWebhookSecret: storeLagoWebhookSecret ? lagoWebhookSecretSecret!.properties.secretUri : ''
  dashboardSigningKey: storeDashboardSigningKey ? dashboardSigningKeySecret!.properties.secretUri : ''
}

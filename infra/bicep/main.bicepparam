// Example parameters. Placeholders only: secrets are read from the environment at build/deploy time and are
// never committed. Before deploying:
//   export BILLING_INGEST_KEY=$(openssl rand -base64 32)
//   export BILLING_ADMIN_KEY=$(openssl rand -base64 32)
//   export BILLING_CHECK_KEYS=$(openssl rand -base64 32)
using 'main.bicep'

param baseName = 'billing-dev'

param instanceMemoryMB = 2048
param maximumInstanceCount = 40

param usageQueueName = 'usage'
param maxDeliveryCount = 10
param lockDuration = 'PT1M'

param unknownSubjects = 'Allow'

param tags = {
  app: 'billing'
  env: 'dev'
}

param budgetRolloverSchedule = '0 */5 * * * *'
param budgetAlertsSchedule = '0 * * * * *'
param smtpHost = ''
param smtpFrom = ''
param smtpPassword = readEnvironmentVariable('BILLING_SMTP_PASSWORD', '')
param lagoApiUrl = ''
param lagoApiKey = readEnvironmentVariable('BILLING_LAGO_API_KEY', '')
param lagoWebhookSecret = readEnvironmentVariable('BILLING_LAGO_WEBHOOK_SECRET', '')
param dashboardSigningKey = readEnvironmentVariable('BILLING_DASHBOARD_SIGNING_KEY', '')
param pageUrl = readEnvironmentVariable('BILLING_PAGE_URL', '')

param ingestKey = readEnvironmentVariable('BILLING_INGEST_KEY', '')
param adminKey = readEnvironmentVariable('BILLING_ADMIN_KEY', '')
param checkKeys = readEnvironmentVariable('BILLING_CHECK_KEYS', '')

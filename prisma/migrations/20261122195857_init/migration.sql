-- CreateEnum
CREATE TYPE "DomainStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'TENANT_USER');

-- CreateEnum
CREATE TYPE "DestinationType" AS ENUM ('EXTENSION', 'RING_GROUP', 'IVR_MENU', 'VOICEMAIL', 'EXTERNAL', 'HANGUP');

-- CreateEnum
CREATE TYPE "RingStrategy" AS ENUM ('SIMULTANEOUS', 'SEQUENTIAL');

-- CreateEnum
CREATE TYPE "SipTransport" AS ENUM ('UDP', 'TCP', 'TLS');

-- CreateEnum
CREATE TYPE "NodeAdminState" AS ENUM ('ACTIVE', 'DRAINING', 'MAINTENANCE');

-- CreateEnum
CREATE TYPE "NodeHealth" AS ENUM ('UNKNOWN', 'UP', 'DOWN');

-- CreateTable
CREATE TABLE "Domain" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "status" "DomainStatus" NOT NULL DEFAULT 'ACTIVE',
    "maxExtensions" INTEGER NOT NULL DEFAULT 100,
    "maxConcurrentCalls" INTEGER NOT NULL DEFAULT 10,
    "allowTenantRoutes" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Domain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "totpSecretEnc" TEXT,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "domainId" TEXT,
    "extensionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Extension" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "sipA1Hash" TEXT NOT NULL,
    "sipPasswordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voicemailEnabled" BOOLEAN NOT NULL DEFAULT true,
    "voicemailPinEnc" TEXT,
    "voicemailEmail" TEXT,
    "internalCallerIdName" TEXT,
    "internalCallerIdNumber" TEXT,
    "externalCallerIdName" TEXT,
    "externalCallerIdNumber" TEXT,
    "forwardAlwaysEnabled" BOOLEAN NOT NULL DEFAULT false,
    "forwardAlwaysTarget" TEXT,
    "forwardBusyEnabled" BOOLEAN NOT NULL DEFAULT false,
    "forwardBusyTarget" TEXT,
    "forwardNoAnswerEnabled" BOOLEAN NOT NULL DEFAULT false,
    "forwardNoAnswerTarget" TEXT,
    "noAnswerTimeout" INTEGER NOT NULL DEFAULT 25,
    "dnd" BOOLEAN NOT NULL DEFAULT false,
    "maxCalls" INTEGER NOT NULL DEFAULT 4,
    "codecs" TEXT[] DEFAULT ARRAY['OPUS', 'G722', 'PCMU', 'PCMA']::TEXT[],
    "recordCalls" BOOLEAN NOT NULL DEFAULT false,
    "tollAllow" TEXT[] DEFAULT ARRAY['local', 'domestic']::TEXT[],
    "cidr" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RingGroup" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "strategy" "RingStrategy" NOT NULL DEFAULT 'SIMULTANEOUS',
    "ringTimeout" INTEGER NOT NULL DEFAULT 30,
    "fallbackType" "DestinationType" NOT NULL DEFAULT 'HANGUP',
    "fallbackTarget" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RingGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RingGroupMember" (
    "id" TEXT NOT NULL,
    "ringGroupId" TEXT NOT NULL,
    "extensionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "RingGroupMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IvrMenu" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "greeting" TEXT NOT NULL,
    "timeoutSeconds" INTEGER NOT NULL DEFAULT 10,
    "maxFailures" INTEGER NOT NULL DEFAULT 3,
    "invalidType" "DestinationType" NOT NULL DEFAULT 'HANGUP',
    "invalidTarget" TEXT,
    "timeoutType" "DestinationType" NOT NULL DEFAULT 'HANGUP',
    "timeoutTarget" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IvrMenu_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IvrOption" (
    "id" TEXT NOT NULL,
    "menuId" TEXT NOT NULL,
    "digits" TEXT NOT NULL,
    "destType" "DestinationType" NOT NULL,
    "destTarget" TEXT,

    CONSTRAINT "IvrOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trunk" (
    "id" TEXT NOT NULL,
    "domainId" TEXT,
    "name" TEXT NOT NULL,
    "proxyHost" TEXT NOT NULL,
    "proxyPort" INTEGER NOT NULL DEFAULT 5060,
    "transport" "SipTransport" NOT NULL DEFAULT 'UDP',
    "realm" TEXT,
    "username" TEXT,
    "passwordEnc" TEXT,
    "register" BOOLEAN NOT NULL DEFAULT false,
    "expireSeconds" INTEGER NOT NULL DEFAULT 3600,
    "callerIdInFrom" BOOLEAN NOT NULL DEFAULT true,
    "pingSeconds" INTEGER NOT NULL DEFAULT 30,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Trunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhoneNumber" (
    "id" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "domainId" TEXT,
    "destType" "DestinationType",
    "destTarget" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PhoneNumber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundRoute" (
    "id" TEXT NOT NULL,
    "domainId" TEXT,
    "name" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "pattern" TEXT NOT NULL,
    "stripDigits" INTEGER NOT NULL DEFAULT 0,
    "prepend" TEXT NOT NULL DEFAULT '',
    "callerIdNumber" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboundRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundRouteTrunk" (
    "routeId" TEXT NOT NULL,
    "trunkId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "OutboundRouteTrunk_pkey" PRIMARY KEY ("routeId","trunkId")
);

-- CreateTable
CREATE TABLE "TelephonyNode" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "sipAddress" TEXT NOT NULL,
    "sipPort" INTEGER NOT NULL DEFAULT 5060,
    "eslHost" TEXT NOT NULL,
    "eslPort" INTEGER NOT NULL DEFAULT 8021,
    "eslPasswordEnc" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 500,
    "weight" INTEGER NOT NULL DEFAULT 100,
    "adminState" "NodeAdminState" NOT NULL DEFAULT 'ACTIVE',
    "health" "NodeHealth" NOT NULL DEFAULT 'UNKNOWN',
    "lastSeenAt" TIMESTAMP(3),
    "activeCalls" INTEGER NOT NULL DEFAULT 0,
    "xmlCurlUser" TEXT NOT NULL,
    "xmlCurlSecretHash" TEXT NOT NULL,
    "allowedSources" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "appliedRevision" BIGINT NOT NULL DEFAULT 0,
    "lastSyncAt" TIMESTAMP(3),
    "lastSyncError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TelephonyNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainAssignment" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "weight" INTEGER NOT NULL DEFAULT 100,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SipProxy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rpcUrl" TEXT NOT NULL,
    "rpcUsername" TEXT,
    "rpcPasswordEnc" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "appliedRevision" BIGINT NOT NULL DEFAULT 0,
    "lastSyncAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SipProxy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterRevision" (
    "id" BIGSERIAL NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClusterRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "id" BIGSERIAL NOT NULL,
    "revisionId" BIGINT,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" TIMESTAMP(3),

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "actorUserId" TEXT,
    "actorTokenId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "domainId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "domainId" TEXT,
    "createdById" TEXT,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Domain_name_key" ON "Domain"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_domainId_idx" ON "Membership"("domainId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_role_domainId_key" ON "Membership"("userId", "role", "domainId");

-- CreateIndex
CREATE INDEX "Extension_domainId_displayName_idx" ON "Extension"("domainId", "displayName");

-- CreateIndex
CREATE UNIQUE INDEX "Extension_domainId_number_key" ON "Extension"("domainId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RingGroup_domainId_number_key" ON "RingGroup"("domainId", "number");

-- CreateIndex
CREATE INDEX "RingGroupMember_extensionId_idx" ON "RingGroupMember"("extensionId");

-- CreateIndex
CREATE UNIQUE INDEX "RingGroupMember_ringGroupId_extensionId_key" ON "RingGroupMember"("ringGroupId", "extensionId");

-- CreateIndex
CREATE UNIQUE INDEX "IvrMenu_domainId_number_key" ON "IvrMenu"("domainId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "IvrOption_menuId_digits_key" ON "IvrOption"("menuId", "digits");

-- CreateIndex
CREATE UNIQUE INDEX "Trunk_name_key" ON "Trunk"("name");

-- CreateIndex
CREATE INDEX "Trunk_domainId_idx" ON "Trunk"("domainId");

-- CreateIndex
CREATE UNIQUE INDEX "PhoneNumber_e164_key" ON "PhoneNumber"("e164");

-- CreateIndex
CREATE INDEX "PhoneNumber_domainId_idx" ON "PhoneNumber"("domainId");

-- CreateIndex
CREATE INDEX "OutboundRoute_domainId_priority_idx" ON "OutboundRoute"("domainId", "priority");

-- CreateIndex
CREATE UNIQUE INDEX "TelephonyNode_hostname_key" ON "TelephonyNode"("hostname");

-- CreateIndex
CREATE UNIQUE INDEX "TelephonyNode_xmlCurlUser_key" ON "TelephonyNode"("xmlCurlUser");

-- CreateIndex
CREATE INDEX "DomainAssignment_nodeId_idx" ON "DomainAssignment"("nodeId");

-- CreateIndex
CREATE UNIQUE INDEX "DomainAssignment_domainId_nodeId_key" ON "DomainAssignment"("domainId", "nodeId");

-- CreateIndex
CREATE UNIQUE INDEX "SipProxy_name_key" ON "SipProxy"("name");

-- CreateIndex
CREATE INDEX "OutboxEvent_dispatchedAt_id_idx" ON "OutboxEvent"("dispatchedAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_domainId_createdAt_idx" ON "AuditLog"("domainId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_domainId_idx" ON "ApiToken"("domainId");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_extensionId_fkey" FOREIGN KEY ("extensionId") REFERENCES "Extension"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Extension" ADD CONSTRAINT "Extension_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RingGroup" ADD CONSTRAINT "RingGroup_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RingGroupMember" ADD CONSTRAINT "RingGroupMember_ringGroupId_fkey" FOREIGN KEY ("ringGroupId") REFERENCES "RingGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RingGroupMember" ADD CONSTRAINT "RingGroupMember_extensionId_fkey" FOREIGN KEY ("extensionId") REFERENCES "Extension"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IvrMenu" ADD CONSTRAINT "IvrMenu_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IvrOption" ADD CONSTRAINT "IvrOption_menuId_fkey" FOREIGN KEY ("menuId") REFERENCES "IvrMenu"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trunk" ADD CONSTRAINT "Trunk_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneNumber" ADD CONSTRAINT "PhoneNumber_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundRoute" ADD CONSTRAINT "OutboundRoute_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundRouteTrunk" ADD CONSTRAINT "OutboundRouteTrunk_routeId_fkey" FOREIGN KEY ("routeId") REFERENCES "OutboundRoute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundRouteTrunk" ADD CONSTRAINT "OutboundRouteTrunk_trunkId_fkey" FOREIGN KEY ("trunkId") REFERENCES "Trunk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainAssignment" ADD CONSTRAINT "DomainAssignment_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainAssignment" ADD CONSTRAINT "DomainAssignment_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "TelephonyNode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEvent" ADD CONSTRAINT "OutboxEvent_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ClusterRevision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

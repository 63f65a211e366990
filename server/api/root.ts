import "server-only";
import { router, createCallerFactory } from "./trpc";
import { accountRouter } from "./routers/account";
import { apiTokensRouter } from "./routers/apiTokens";
import { clusterRouter } from "./routers/cluster";
import { domainsRouter } from "./routers/domains";
import { extensionsRouter } from "./routers/extensions";
import { auditRouter } from "./routers/audit";
import { numbersRouter } from "./routers/numbers";
import { routesRouter } from "./routers/routes";
import { trunksRouter } from "./routers/trunks";
import { usersRouter } from "./routers/users";
import { ivrMenusRouter } from "./routers/ivrMenus";
import { ringGroupsRouter } from "./routers/ringGroups";
import { callQueuesRouter } from "./routers/callQueues";
import { conferenceRoomsRouter } from "./routers/conferenceRooms";
import { timeConditionsRouter } from "./routers/timeConditions";
import { pickupGroupsRouter } from "./routers/pickupGroups";
import { parkingRouter } from "./routers/parking";
import { simulatorRouter } from "./routers/simulator";
import { failoverRouter } from "./routers/failover";
import { liveStateRouter } from "./routers/liveState";
import { callRecordsRouter } from "./routers/callRecords";
import { callLimitsRouter } from "./routers/callLimits";
import { webhooksRouter } from "./routers/webhooks";
import { twoFactorRouter } from "./routers/twoFactor";
import { musicOnHoldRouter } from "./routers/musicOnHold";

export const appRouter = router({
  account: accountRouter,
  apiTokens: apiTokensRouter,
  cluster: clusterRouter,
  domains: domainsRouter,
  extensions: extensionsRouter,
  audit: auditRouter,
  numbers: numbersRouter,
  routes: routesRouter,
  trunks: trunksRouter,
  users: usersRouter,
  ringGroups: ringGroupsRouter,
  ivrMenus: ivrMenusRouter,
  conferenceRooms: conferenceRoomsRouter,
  callQueues: callQueuesRouter,
  timeConditions: timeConditionsRouter,
  pickupGroups: pickupGroupsRouter,
  parking: parkingRouter,
  simulator: simulatorRouter,
  failover: failoverRouter,
  liveState: liveStateRouter,
  callRecords: callRecordsRouter,
  callLimits: callLimitsRouter,
  webhooks: webhooksRouter,
  twoFactor: twoFactorRouter,
  musicOnHold: musicOnHoldRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

import { router, createCallerFactory } from "./trpc";
import { domainsRouter } from "./routers/domains";
import { extensionsRouter } from "./routers/extensions";

export const appRouter = router({
  domains: domainsRouter,
  extensions: extensionsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

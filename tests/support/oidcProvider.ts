import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";

export type OidcAccount = { email: string; email_verified: boolean; name: string };

export type TestOidcProvider = { issuer: string; clientId: string; clientSecret: string; stop: () => Promise<void> };

/**
 * A real OpenID provider (panva's oidc-provider) on 127.0.0.1, with its development login and
 * consent pages: any login name signs in as the account of that name in `accounts`.
 * The port is taken first, so the app can be started with the issuer before its own URL is known.
 */
export async function startOidcProvider(port: number): Promise<{
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers the app's callback and starts answering. */
  serve: (redirectUri: string, accounts: Record<string, OidcAccount>) => Promise<TestOidcProvider>;
}> {
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "switchboard-test";
  const clientSecret = "switchboard-test-secret-0123456789";
  return {
    issuer,
    clientId,
    clientSecret,
    serve: async (redirectUri, accounts) => {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ["authorization_code"],
            response_types: ["code"],
          },
        ],
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        // Put the scopes' claims in the ID token, as Keycloak, Entra ID, Okta and Google do.
        conformIdTokenClaims: false,
        cookies: { keys: ["switchboard-test-cookie-key"] },
        findAccount: (_ctx, id) => {
          const account = accounts[id];
          if (!account) return undefined;
          return { accountId: id, claims: () => ({ sub: id, ...account }) };
        },
      });
      const server: Server = createServer(provider.callback());
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
      return {
        issuer,
        clientId,
        clientSecret,
        stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
  };
}

import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_CONTENT_SECURITY_POLICY } from "./lib/http/content-security-policy";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Pages get their Content-Security-Policy, with a per-request nonce, from proxy.ts.
const securityHeaders = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // unauthorized() and forbidden(): operator pages answer 401 / 403 with a page, not a redirect.
  experimental: { authInterrupts: true },
  // Native and driver modules stay plain Node requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "ioredis"],
  headers: () =>
    Promise.resolve([
      { source: "/:path*", headers: securityHeaders },
      ...["/api/:path*", "/media/:path*"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      })),
    ]),
};

export default withNextIntl(nextConfig);

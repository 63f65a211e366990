"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { TrpcQueryProvider } from "./trpc";

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <TrpcQueryProvider>
        {children}
        <Toaster richColors position="top-right" closeButton />
      </TrpcQueryProvider>
    </SessionProvider>
  );
}

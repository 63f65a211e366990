import { redirect } from "next/navigation";
import { homeFor, requireSession } from "@/server/auth/currentSession";

export default async function Home() {
  const session = await requireSession();
  redirect(homeFor(session.memberships));
}

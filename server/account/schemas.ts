import { z } from "zod";
import { portalPasswordSchema } from "@/server/domains/schemas";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(256),
    newPassword: portalPasswordSchema,
    confirmPassword: z.string().max(256),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords differ" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a new password" });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import type { Column } from "@/components/ui/DataTable";

type Person = { email: string; name: string; disabled: boolean };

/** Email over name: how both user lists identify a person. */
export function userColumn<T extends Person>(): Column<T> {
  return {
    header: "User",
    cell: (u) => (
      <>
        <span className="block font-medium text-slate-900">{u.email}</span>
        <span className="text-xs text-slate-500">{u.name}</span>
      </>
    ),
  };
}

export function userStatusColumn<T extends Person>(): Column<T> {
  return {
    header: "Status",
    cell: (u) => <Badge tone={u.disabled ? "red" : "green"}>{u.disabled ? "Disabled" : "Active"}</Badge>,
  };
}

type AccountButtonsProps = {
  user: Person;
  enabling: boolean;
  onResetPassword: () => void;
  onEnable: () => void;
  /** Disabling locks someone out, so callers confirm it first. */
  onDisable: () => void;
};

/** Password reset and enable/disable: the account actions both user lists offer. */
export function AccountButtons({ user, enabling, onResetPassword, onEnable, onDisable }: AccountButtonsProps) {
  return (
    <>
      <Button size="sm" variant="ghost" onClick={onResetPassword} aria-label={`Reset password of ${user.email}`}>
        Password
      </Button>
      {user.disabled ? (
        <Button size="sm" variant="ghost" busy={enabling} onClick={onEnable}>
          Enable
        </Button>
      ) : (
        <Button size="sm" variant="ghost" onClick={onDisable} aria-label={`Disable ${user.email}`}>
          Disable
        </Button>
      )}
    </>
  );
}

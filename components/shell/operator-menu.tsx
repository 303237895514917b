"use client";

import { KeyRound, LogOut } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ROLE_LABEL, type Operator } from "@/lib/auth/roles";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { signOutToSignIn } from "@/components/auth/sign-out";

function initials(name: string, email: string): string {
  const words = (name || email).split(/[\s@._-]+/).filter(Boolean);
  return (words.length > 1 ? `${words[0][0]}${words[1][0]}` : (words[0] ?? "?").slice(0, 2)).toUpperCase();
}

/** Who is signed in (name, email, Roster role) and the way out. */
export function OperatorMenu({ operator }: { operator: Operator }) {
  const [signingOut, setSigningOut] = useState(false);
  return (
    <div className="flex items-center gap-2.5">
      <div className="flex items-center gap-2.5" data-testid="operator">
        <span
          aria-hidden
          className="flex size-7 items-center justify-center rounded-full bg-muted text-[11px] font-semibold text-muted-foreground ring-1 ring-border"
        >
          {initials(operator.name, operator.email)}
        </span>
        <div className="hidden min-w-0 flex-col leading-tight sm:flex">
          <span className="max-w-48 truncate text-[13px] font-medium text-foreground">{operator.name || operator.email}</span>
          <span className="max-w-48 truncate text-xs text-muted-foreground">{operator.email}</span>
        </div>
        <Badge tone="outline" title="Your Roster role">
          {ROLE_LABEL[operator.role] ?? operator.role}
        </Badge>
      </div>
      <Tooltip content="Change your password">
        <Button variant="ghost" size="icon" aria-label="Change your password" asChild>
          <Link href="/account/password">
            <KeyRound aria-hidden />
          </Link>
        </Button>
      </Tooltip>
      <Tooltip content="Sign out">
        <Button
          variant="ghost"
          size="icon"
          aria-label="Sign out"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            void signOutToSignIn();
          }}
        >
          <LogOut aria-hidden />
        </Button>
      </Tooltip>
    </div>
  );
}

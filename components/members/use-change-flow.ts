"use client";

import { useState } from "react";
import { isApiFailure } from "@/lib/api/fetcher";

/**
 * The refusals every change dialog handles alike: `confirm_self` asks "This is you.
 * Continue?" and resends with `confirmSelf`; anything else (the last owner, a provider
 * error, a 403) is shown inline, in the server's words, with the dialog still open.
 */
export function useChangeFlow() {
  const [error, setError] = useState<Error | null>(null);
  const [askSelf, setAskSelf] = useState(false);

  function onError(failure: Error) {
    if (isApiFailure(failure) && failure.code === "confirm_self") {
      setAskSelf(true);
      setError(null);
    } else {
      setAskSelf(false);
      setError(failure);
    }
  }

  /** Call before each attempt. */
  function begin() {
    setError(null);
    setAskSelf(false);
  }

  return { error, askSelf, onError, begin };
}

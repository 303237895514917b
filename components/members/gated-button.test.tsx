// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Tooltip as TooltipPrimitive } from "radix-ui";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GatedButton } from "./gated-button";

afterEach(cleanup);

const renderButton = (state: { enabled: boolean; reason?: string }, onClick = vi.fn()) => {
  render(
    <TooltipPrimitive.Provider delayDuration={0}>
      <GatedButton state={state} onClick={onClick}>
        Remove
      </GatedButton>
    </TooltipPrimitive.Provider>,
  );
  return { onClick, button: screen.getByRole("button", { name: "Remove" }) };
};

describe("a button whose action may not be allowed", () => {
  it("allowed: an ordinary button that acts", async () => {
    const { button, onClick } = renderButton({ enabled: true });
    expect(button.getAttribute("aria-disabled")).toBeNull();
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledOnce();
  });

  it("not allowed: focusable but aria-disabled, does nothing, and says why when focused", async () => {
    const { button, onClick } = renderButton({ enabled: false, reason: "Needs the admin role" });
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect((button as HTMLButtonElement).disabled, "still focusable, so its reason can be read").toBe(false);
    await userEvent.tab();
    expect(document.activeElement).toBe(button);
    expect((await screen.findByRole("tooltip")).textContent).toContain("Needs the admin role");
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });
});

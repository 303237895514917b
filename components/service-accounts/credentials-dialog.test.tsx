// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CredentialsDialog } from "./credentials-dialog";

afterEach(cleanup);

describe("the one place a service account's secret is shown", () => {
  it("names the account, shows the id and secret with copy buttons, and closes only when the admin says it is copied", async () => {
    const onClose = vi.fn();
    render(
      <CredentialsDialog
        credentials={{ accountName: "etl-bot", clientId: "cid-123", clientSecret: "s3cr3t-value", reason: "created" }}
        onClose={onClose}
      />,
    );
    const dialog = screen.getByRole("alertdialog", { name: "Service account etl-bot created" });
    expect(within(dialog).getByTestId("credential-client-id").textContent).toBe("cid-123");
    expect(within(dialog).getByTestId("credential-client-secret").textContent).toBe("s3cr3t-value");
    expect(within(dialog).getByRole("button", { name: "Copy client secret" })).toBeTruthy();
    expect(within(dialog).getByText("Shown once")).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole("button", { name: "I have copied the secret" }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("a regenerated secret says the previous one stopped working", () => {
    render(
      <CredentialsDialog
        credentials={{ accountName: "etl-bot", clientId: "cid", clientSecret: "new", reason: "regenerated" }}
        onClose={() => undefined}
      />,
    );
    const dialog = screen.getByRole("alertdialog", { name: "New secret for etl-bot" });
    expect(dialog.textContent).toContain("The previous secret has stopped working.");
  });
});

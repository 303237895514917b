import { describe, expect, it } from "vitest";
import { roleLabel } from "./role-label";

describe("roleLabel", () => {
  it("shows provider codes as words", () => {
    expect(roleLabel("ORGANIZATION_MEMBER")).toBe("Organization Member");
    expect(roleLabel("WORKSPACE_AUTHOR")).toBe("Workspace Author");
    expect(roleLabel("ORGANIZATION_BILLING_ADMIN")).toBe("Organization Billing Admin");
    expect(roleLabel("owner")).toBe("Owner");
    expect(roleLabel("reader")).toBe("Reader");
    expect(roleLabel("project-viewer")).toBe("Project Viewer");
  });

  it("leaves names that are already words, or spelled on purpose, as they are", () => {
    expect(roleLabel("Organization Admin")).toBe("Organization Admin");
    expect(roleLabel("Organization Read Only")).toBe("Organization Read Only");
    expect(roleLabel("DataScientist")).toBe("DataScientist");
    expect(roleLabel("")).toBe("");
    expect(roleLabel("ml.ops")).toBe("ml.ops");
  });
});

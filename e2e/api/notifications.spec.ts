import { apiAs, expect, test } from "../fixtures";

test.describe("/api/me/notifications", () => {
  test("reads and saves the signed-in operator's own choices; bad input is a 422 naming the field", async () => {
    const requester = await apiAs("requester");
    const admin = await apiAs("admin");
    const before = await (await requester.get("/api/me/notifications")).json();
    expect(before).toMatchObject({ email: { request_decided: true, review_reminder: true }, channels: { email: false, webhook: false } });

    const saved = await requester.patch("/api/me/notifications", { data: { email: { review_reminder: false } } });
    expect(saved.status()).toBe(200);
    expect((await saved.json()).email).toMatchObject({ review_reminder: false, request_decided: true });
    expect((await (await requester.get("/api/me/notifications")).json()).email.review_reminder).toBe(false);
    // Another operator's choices are their own.
    expect((await (await admin.get("/api/me/notifications")).json()).email.review_reminder).toBe(true);

    for (const [data, field] of [
      [{ email: { nope: true } }, "email"],
      [{ email: { failure: "yes" } }, "email.failure"],
      [{ email: {}, extra: 1 }, ""],
      [{}, "email"],
    ] as const) {
      const res = await requester.patch("/api/me/notifications", { data });
      expect(res.status(), JSON.stringify(data)).toBe(422);
      const body = await res.json();
      if (field) expect(JSON.stringify(body.error), JSON.stringify(data)).toContain(field);
    }
    await requester.patch("/api/me/notifications", { data: { email: { review_reminder: true } } });
  });
});

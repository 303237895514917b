import { apiFetch } from "@/lib/api/fetcher";
import type { ItemsPage, ReviewDetail, ReviewSummary } from "@/lib/reviews/types";
import type { ReviewerTally } from "@/lib/reviews/report";

/** The access review queries and calls the pages share. */

export const reviewKeys = {
  all: ["reviews"] as const,
  one: (id: string) => ["reviews", id] as const,
  items: (id: string, query: string) => ["reviews", id, "items", query] as const,
  report: (id: string) => ["reviews", id, "report"] as const,
};

export const fetchReviews = () => apiFetch<{ reviews: ReviewSummary[] }>("/api/reviews");
export const fetchReview = (id: string) => apiFetch<ReviewDetail>(`/api/reviews/${id}`);
export const fetchItems = (id: string, query: string) => apiFetch<ItemsPage>(`/api/reviews/${id}/items?${query}`);
export const fetchReport = (id: string) => apiFetch<{ review: ReviewDetail; reviewers: ReviewerTally[] }>(`/api/reviews/${id}/report`);

export interface DecisionInput {
  itemId: number;
  decision: "keep" | "remove" | "change_role";
  role?: string;
  reason?: string;
}

export const decide = (id: string, decisions: DecisionInput[]) =>
  apiFetch(`/api/reviews/${id}/decisions`, { method: "POST", json: { decisions } });
export const closeReview = (id: string) => apiFetch<ReviewDetail>(`/api/reviews/${id}/close`, { method: "POST" });
export const retryReview = (id: string) => apiFetch<ReviewDetail>(`/api/reviews/${id}/retry`, { method: "POST" });
export const createReview = (body: unknown) => apiFetch<ReviewSummary>("/api/reviews", { method: "POST", json: body });

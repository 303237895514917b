import type { Metadata } from "next";
import { ReviewPage } from "@/components/reviews/review-page";

export const metadata: Metadata = { title: "Access review" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReviewPage id={id} />;
}

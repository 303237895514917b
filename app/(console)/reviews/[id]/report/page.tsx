import type { Metadata } from "next";
import { ReportPage } from "@/components/reviews/report-page";

export const metadata: Metadata = { title: "Access review report" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReportPage id={id} />;
}

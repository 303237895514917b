import { normaliseEmail } from "@/lib/email";
import type { Metadata } from "next";
import { PersonPage } from "@/components/people/person-page";

interface PageProps {
  params: Promise<{ email: string }>;
}

function decode(segment: string): string {
  try {
    return normaliseEmail(decodeURIComponent(segment));
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { email } = await params;
  return { title: decode(email) };
}

export default async function Page({ params }: PageProps) {
  const { email } = await params;
  return <PersonPage email={decode(email)} />;
}

import { Container, Text, Title, type MantineSize } from "@mantine/core";
import { useEffect, type ReactNode } from "react";

/**
 * A register's public page (no login: look-up, sending a feedback, published answers): the
 * browser tab's title, the page's heading and description, then the page.
 */
export function CasePublicPage({
  title,
  description,
  size = "sm",
  children,
}: {
  title: string;
  description: string;
  size?: MantineSize;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <Container size={size} py="xl">
      <main>
        <Title order={1} size="h2" mb="xs">
          {title}
        </Title>
        <Text c="dimmed" mb="md">
          {description}
        </Text>
        {children}
      </main>
    </Container>
  );
}

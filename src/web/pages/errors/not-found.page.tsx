import { Anchor, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { vi } from "../../i18n/vi.ts";

export function NotFoundPage() {
  return (
    <>
      <Title order={1} mb="md">
        {vi.errors.notFoundTitle}
      </Title>
      <Text mb="md">{vi.errors.notFoundText}</Text>
      <Anchor component={Link} to="/">
        {vi.errors.backHome}
      </Anchor>
    </>
  );
}

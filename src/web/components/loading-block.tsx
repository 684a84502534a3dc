import { Center, Loader } from "@mantine/core";
import { vi } from "../i18n/vi.ts";

export function LoadingBlock() {
  return (
    <Center py="xl" role="status">
      <Loader size="sm" aria-label={vi.app.loading} />
    </Center>
  );
}

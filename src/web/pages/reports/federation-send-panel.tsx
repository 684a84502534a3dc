import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getSentStatus, sendToParent, type SentVersion } from "../../api/federation.api.ts";
import { notifyError, notifySuccess } from "../../components/notify.ts";
import { formatDateTime } from "../../i18n/format.ts";

const STATUS: Record<SentVersion["status"], { label: string; color: string }> = {
  queued: { label: "Đang gửi", color: "blue" },
  sent: { label: "Cấp trên đã nhận", color: "green" },
  failed: { label: "Gửi không thành công", color: "red" },
};

/**
 * "Gửi lên cấp trên": on a unit's own submitted report, when this installation is linked to a
 * parent CCHC instance (federation), sends the frozen version there and shows each version's
 * delivery. Hidden for readers who are not the unit's report writers (the status route says 404).
 */
export function FederationSendPanel({ reportId, version }: { reportId: string; version: number }) {
  const client = useQueryClient();
  const key = ["federation", "sent", reportId, version];
  const status = useQuery({
    queryKey: key,
    queryFn: () => getSentStatus(reportId),
    enabled: version > 0,
    retry: false,
    // While a version is on its way, its status changes by itself (the background job).
    refetchInterval: (query) =>
      query.state.data?.sent.some((s) => s.status === "queued") ? 3000 : false,
  });
  const send = useMutation({
    mutationFn: () => sendToParent(reportId),
    onSuccess: async () => {
      notifySuccess("Đã xếp lượt gửi lên hệ thống cấp trên.");
      await client.invalidateQueries({ queryKey: key });
    },
    onError: notifyError,
  });
  const data = status.data;
  if (!data || (data.parentUrl === null && data.sent.length === 0)) return null;
  return (
    <Paper withBorder p="md" mb="md" data-testid="federation-send-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Gửi lên cấp trên (liên thông)
          </Title>
          {data.canSend && (
            <Button onClick={() => send.mutate()} loading={send.isPending}>
              Gửi lần {data.version} lên cấp trên
            </Button>
          )}
        </Group>
        {data.parentUrl && (
          <Text size="sm" c="dimmed">
            Hệ thống cấp trên: {data.parentUrl}
          </Text>
        )}
        {data.unavailableReason && (
          <Alert color="yellow" variant="light">
            {data.unavailableReason}
          </Alert>
        )}
        {data.sent.map((s) => (
          <Text key={s.version} size="sm">
            Lần {s.version}:{" "}
            <Badge color={STATUS[s.status].color} variant="light">
              {STATUS[s.status].label}
            </Badge>{" "}
            {s.sentAt
              ? `lúc ${formatDateTime(s.sentAt)}`
              : `xếp lượt lúc ${formatDateTime(s.queuedAt)}`}
            {s.attempts > 0 && `, ${s.attempts} lần thử`}
            {s.lastError && ` — ${s.lastError}`}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

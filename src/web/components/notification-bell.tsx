import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { request, requestData } from "../api/client.ts";
import { formatDateTime } from "../i18n/format.ts";
import { groupNotifications } from "./notification-groups.ts";

/** Labels of the notification bell. */
const t = {
  label: (unread: number) => (unread > 0 ? `Thông báo: ${unread} chưa đọc` : "Thông báo"),
  title: "Thông báo",
  empty: "Chưa có thông báo nào.",
  readAll: "Đánh dấu đã đọc tất cả",
  unread: "Chưa đọc",
};

interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const KEY = ["notifications"] as const;

/**
 * The bell in the header: unread count, latest reminders grouped by kind (what is late first),
 * open one to go to its plan; mark all read.
 */
export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    // The envelope carries `meta.unread` beside `data`.
    queryFn: async () =>
      (await request<AppNotification[]>("/api/notifications?limit=20")) as unknown as {
        data: AppNotification[];
        meta: { unread: number };
      },
    refetchInterval: 60_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const markRead = useMutation({
    mutationFn: (id: string) =>
      requestData(`/api/notifications/${id}/read`, { method: "POST", body: {} }),
    onSettled: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => requestData("/api/notifications/read-all", { method: "POST", body: {} }),
    onSettled: refresh,
  });
  const unread = list.data?.meta.unread ?? 0;
  const items = list.data?.data ?? [];

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md">
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label={t.label(unread)}
          title={t.label(unread)}
          onClick={() => setOpened((o) => !o)}
        >
          <Indicator
            label={unread > 99 ? "99+" : unread}
            size={16}
            disabled={unread === 0}
            color="red"
            offset={2}
          >
            <IconBell size={20} aria-hidden="true" />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t.title}</Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => readAll.mutate()}>
              {t.readAll}
            </Button>
          )}
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t.empty}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap="xs">
              {groupNotifications(items).map((group) => (
                <section key={group.label} aria-label={group.label}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={2}>
                    {group.label} ({group.items.length})
                  </Text>
                  <Stack gap={4}>
                    {group.items.map((item) => (
                      <UnstyledButton
                        key={item.id}
                        p={6}
                        style={{ borderRadius: 4 }}
                        bg={item.readAt ? undefined : "blue.0"}
                        onClick={() => {
                          if (!item.readAt) markRead.mutate(item.id);
                          setOpened(false);
                          if (item.link) void navigate(item.link);
                        }}
                      >
                        <Text size="sm" fw={item.readAt ? 400 : 600}>
                          {item.title}
                          {!item.readAt && <VisuallyHidden> ({t.unread})</VisuallyHidden>}
                        </Text>
                        <Text size="xs" lineClamp={2}>
                          {item.body}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(item.createdAt)}
                        </Text>
                      </UnstyledButton>
                    ))}
                  </Stack>
                </section>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { IconChevronDown, IconKey, IconLogout } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router";
import { useMe, useSignOut } from "../auth/session.ts";
import { vi } from "../i18n/vi.ts";
import { paths } from "./navigation.ts";
import { notifyError } from "./notify.ts";

function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  const last = words[words.length - 1] ?? "";
  return last.slice(0, 1).toUpperCase();
}

export function UserMenu() {
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();

  const onSignOut = () =>
    signOut.mutate(undefined, {
      onSuccess: () => navigate(paths.signIn, { replace: true }),
      onError: (error) => {
        notifyError(error);
        navigate(paths.signIn, { replace: true });
      },
    });

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar color="blue" radius="xl" size="sm" aria-hidden="true">
              {initials(me.fullName)}
            </Avatar>
            {/* On a phone only the avatar: the header's room goes to the unit's name. */}
            <Text size="sm" fw={500} component="span" truncate maw={240} visibleFrom="sm">
              <VisuallyHidden>{vi.auth.account} </VisuallyHidden>
              {me.fullName}
            </Text>
            <VisuallyHidden hiddenFrom="sm">
              {vi.auth.account} {me.fullName}
            </VisuallyHidden>
            <IconChevronDown size={14} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.username}</Menu.Label>
        <Menu.Item
          component={Link}
          to={paths.changePassword}
          leftSection={<IconKey size={16} aria-hidden="true" />}
        >
          {vi.auth.changePassword}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden="true" />}
          onClick={onSignOut}
          disabled={signOut.isPending}
        >
          {vi.auth.signOut}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

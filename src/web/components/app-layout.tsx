import { AppShell, Burger, Group, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { vi } from "../i18n/vi.ts";
import { NavMenu } from "./nav-menu.tsx";
import { NotificationBell } from "./notification-bell.tsx";
import { UserMenu } from "./user-menu.tsx";
import { WordClamp } from "./word-clamp.tsx";

/** The signed-in shell: header (product, unit, user menu), navbar, main content. */
export function AppLayout() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation: close the mobile menu and put keyboard and screen-reader
  // focus at the start of the new page, as a full page load would.
  useEffect(() => {
    close();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 260, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header className="cchc-no-print">
        <a href="#noi-dung-chinh" className="cchc-skip-link">
          {vi.app.skipToContent}
        </a>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: 1 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? vi.app.closeNavigation : vi.app.openNavigation}
            />
            <Text fw={800} size="lg" c="blue.8" component="span">
              {vi.app.name}
            </Text>
            <Text size="sm" c="dimmed" component="span" visibleFrom="xs">
              |
            </Text>
            {/* Two lines on a phone rather than "Phườ…", broken only between words. */}
            <WordClamp
              text={me.unit.name}
              lines={2}
              className="cchc-header-unit"
              data-testid="header-unit"
            />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="xs"
        aria-label={vi.app.mainNavigation}
        component="nav"
        className="cchc-no-print"
      >
        <NavMenu />
      </AppShell.Navbar>
      <AppShell.Main
        id="noi-dung-chinh"
        tabIndex={-1}
        ref={mainRef}
        style={{ outline: "none" }}
        className="cchc-main"
      >
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

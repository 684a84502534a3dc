import { NavLink, ScrollArea } from "@mantine/core";
import { Link, useLocation } from "react-router";
import { useMe } from "../auth/session.ts";
import { navigationFor, type NavItem } from "./navigation.ts";

function isCurrent(pathname: string, to: string): boolean {
  return to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
}

function NavEntry({ item, pathname }: { item: NavItem; pathname: string }) {
  const Icon = item.icon;
  const icon = <Icon size={18} stroke={1.6} aria-hidden="true" />;
  if (item.children) {
    return (
      <NavLink
        label={item.label}
        leftSection={icon}
        defaultOpened={isCurrent(pathname, item.to)}
        childrenOffset="md"
      >
        {item.children.map((child) => (
          <NavEntry key={child.to} item={child} pathname={pathname} />
        ))}
      </NavLink>
    );
  }
  const active = isCurrent(pathname, item.to);
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={icon}
      active={active}
      aria-current={active ? "page" : undefined}
      variant="filled"
    />
  );
}

export function NavMenu() {
  const me = useMe();
  const { pathname } = useLocation();
  return (
    <ScrollArea type="auto">
      {navigationFor(me).map((item) => (
        <NavEntry key={item.to} item={item} pathname={pathname} />
      ))}
    </ScrollArea>
  );
}

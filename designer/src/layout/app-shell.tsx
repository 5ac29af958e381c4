// The frame of every signed-in page: the brand, the navigation (a bar on a laptop, a drawer
// on a phone), who is signed in and "Se déconnecter", then the page.
import { AppShell, Burger, Button, Group, NavLink as MantineNavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSession } from '../session/session';
import { NAV_LINKS } from './nav-links';
import classes from './app-shell.module.css';

function isActive(pathname: string, to: string): boolean {
  if (to === '/') return pathname === '/' || /^\/projects\/[^/]+\/tasks\//.test(pathname);
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function AppShellLayout() {
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const links = NAV_LINKS.filter((link) => link.show(me));

  const leave = async () => {
    await signOut();
    navigate('/connexion', { replace: true });
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'md', collapsed: { desktop: true, mobile: !opened } }} padding="md">
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" color="white" aria-label="Ouvrir le menu" />
            <UnstyledButton component={NavLink} to="/" className={classes.brand} aria-label="Passerelle, accueil">
              <span className={classes.logo} aria-hidden>P</span>
              Passerelle
            </UnstyledButton>
            <nav aria-label="Navigation principale" className={classes.desktopNav}>
              {links.map((link) => (
                <NavLink key={link.to} to={link.to} className={classes.link} data-active={isActive(pathname, link.to) || undefined}>
                  {link.label}
                </NavLink>
              ))}
            </nav>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Stack gap={0} visibleFrom="sm" className={classes.who}>
              <Text size="sm" fw={600} c="white" lh={1.2}>{me.name}</Text>
              <Text size="xs" c="passerelle.0" lh={1.2}>{me.organizations.map((o) => o.name).join(', ') || me.email}</Text>
            </Stack>
            <Button variant="white" size="xs" onClick={leave}>Se déconnecter</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" hiddenFrom="md">
        <nav aria-label="Menu">
          {links.map((link) => (
            <MantineNavLink key={link.to} component={NavLink} to={link.to} label={link.label} active={isActive(pathname, link.to)} onClick={close} />
          ))}
        </nav>
      </AppShell.Navbar>
      <AppShell.Main>
        <main className={classes.main}>
          <Outlet />
        </main>
      </AppShell.Main>
    </AppShell>
  );
}

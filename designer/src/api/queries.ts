// Reads every page shares, as react-query hooks keyed by resource, so a completed task
// refreshes the inbox and the project it belongs to.
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from './client';

/** Every page of a cursor-paginated list, up to `max` items (enough for any person's inbox). */
export async function allPages<T>(load: (cursor?: string) => Promise<{ items: T[]; next_cursor: string | null }>, max = 1000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}

export function useInbox() {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: () => allPages<Schemas['InboxItem']>((cursor) => unwrap(api.GET('/api/tasks', { params: { query: { limit: 100, cursor } } }))),
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: ['project', id],
    queryFn: () => unwrap(api.GET('/api/projects/{id}', { params: { path: { id } } })),
  });
}

export function useTask(id: string, taskId: string) {
  return useQuery({
    queryKey: ['project', id, 'task', taskId],
    queryFn: () => unwrap(api.GET('/api/projects/{id}/tasks/{taskId}', { params: { path: { id, taskId } } })),
  });
}

export function useDefinitionVersion(key: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['definition', key, version],
    enabled: key !== undefined && version !== undefined,
    staleTime: Infinity, // a published version never changes
    queryFn: () => unwrap(api.GET('/api/definitions/{key}/versions/{version}', { params: { path: { key: key!, version: version! } } })),
  });
}

/** Every project matching the filters (all pages of the cursor), newest first. */
export function useProjects(query: { academie?: string; definition_key?: string; status?: string; phase?: string }) {
  return useQuery({
    queryKey: ['projects', query],
    queryFn: () =>
      allPages<Schemas['ProjectSummary']>(
        (cursor) =>
          unwrap(
            api.GET('/api/projects', {
              // The status is passed through as chosen: a status the API does not know is its 422 to give.
              params: { query: { ...query, status: query.status as Schemas['ProjectStatus'] | undefined, limit: 100, cursor } },
            }),
          ),
        10_000,
      ),
  });
}

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => unwrap(api.GET('/api/dashboard')) });
}

export function useDefinitions() {
  return useQuery({ queryKey: ['definitions'], queryFn: () => unwrap(api.GET('/api/definitions')) });
}

/** Several published versions at once (same cache as `useDefinitionVersion`). */
export function useDefinitionVersions(wanted: Array<{ key: string; version: number }>) {
  return useQueries({
    queries: wanted.map(({ key, version }) => ({
      queryKey: ['definition', key, version],
      staleTime: Infinity,
      queryFn: () => unwrap(api.GET('/api/definitions/{key}/versions/{version}', { params: { path: { key, version } } })),
    })),
  });
}

export function useOrganizations() {
  return useQuery({ queryKey: ['organizations'], queryFn: () => unwrap(api.GET('/api/organizations')) });
}

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => unwrap(api.GET('/api/users')) });
}

export function useCalendarLink() {
  return useQuery({ queryKey: ['calendar-link'], queryFn: () => unwrap(api.GET('/api/me/calendar')) });
}

// Reads every page shares, as react-query hooks keyed by resource, so a completed task
// refreshes the inbox and the project it belongs to.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from './client';

/** Every page of a cursor-paginated list, up to `max` items (enough for any person's inbox). */
async function allPages<T>(load: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>, max = 1000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
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

// The administration's "Audit" tab: the whole decision trail, filtered by type, with the
// CSV export of what the filter shows.
import { Group, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { allPages } from '../api/queries';
import type { paths } from '../api/schema';
import { PageError, PageLoader } from '../components/page-states';
import { AUDIT_TYPE_LABELS, AuditTable, CsvExportButton } from '../project/audit-history';

type AuditType = NonNullable<paths['/api/audit']['get']['parameters']['query']>['type'];

export function AuditTab() {
  const [type, setType] = useState<string | null>(null);
  const trail = useQuery({
    queryKey: ['audit', type],
    queryFn: () =>
      allPages<Schemas['AuditEvent']>(
        (cursor) =>
          unwrap(api.GET('/api/audit', { params: { query: { limit: 100, cursor, type: (type ?? undefined) as AuditType } } })) as Promise<
            Schemas['AuditPage']
          >,
        500,
      ),
  });
  const csv = `/api/audit?format=csv${type ? `&type=${encodeURIComponent(type)}` : ''}`;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="end">
        <Select
          label="Type de décision"
          placeholder="Toutes"
          clearable
          data={Object.entries(AUDIT_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
          value={type}
          onChange={setType}
          w={260}
        />
        <CsvExportButton href={csv} />
      </Group>
      <Text size="sm" c="dimmed">Les 500 décisions les plus récentes ; l’export CSV contient tout l’historique filtré.</Text>
      {trail.isPending ? <PageLoader /> : trail.isError ? <PageError error={trail.error} /> : <AuditTable events={trail.data} showProject />}
    </Stack>
  );
}

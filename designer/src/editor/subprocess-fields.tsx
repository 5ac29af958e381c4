// A subprocess's called definition, chosen among the published ones, and its input and
// output mappings between the child's variables and this process's.
import { Group, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Definition, NodeOf } from '../../../dsl/schema';
import { api, unwrap } from '../api/client';
import { useDefinitionVersion } from '../api/queries';

type Sub = NodeOf<'subprocess'>;

export function SubprocessFields({ node, doc, change }: { node: Sub; doc: Definition; change: (f: (n: Sub) => Sub) => void }) {
  const list = useQuery({ queryKey: ['definitions'], queryFn: () => unwrap(api.GET('/api/definitions')) });
  const published = (list.data ?? []).filter((d) => d.latest_version !== null && d.key !== doc.key);
  const chosen = published.find((d) => d.key === node.process);
  const child = useDefinitionVersion(chosen?.key, chosen?.latest_version ?? undefined);
  const childVars = ((child.data?.document as Definition | undefined)?.variables ?? []).map((v) => v.name);
  const parentVars = (doc.variables ?? []).map((v) => v.name);
  const mapping = (dir: 'input' | 'output', title: string) => (
    <Stack gap={2}>
      <Text size="xs" fw={600}>{title}</Text>
      {childVars.map((cv) => {
        const current = dir === 'input' ? node.input?.[cv] : Object.entries(node.output ?? {}).find(([, c]) => c === cv)?.[0];
        return (
          <Group key={cv} gap={4} grow>
            <Text size="xs">{cv}</Text>
            <Select size="xs" aria-label={`${title} : ${cv}`} data={parentVars} value={current ?? null} clearable onChange={(pv) => change((n) => {
              if (dir === 'input') {
                const input = { ...(n.input ?? {}) };
                if (pv) input[cv] = pv; else delete input[cv];
                return { ...n, input };
              }
              const output = Object.fromEntries(Object.entries(n.output ?? {}).filter(([, c]) => c !== cv));
              if (pv) output[pv] = cv;
              return { ...n, output };
            })} />
          </Group>
        );
      })}
    </Stack>
  );
  return (
    <>
      <Select size="xs" label="Processus appelé" data-field="process" searchable data={[...published.map((d) => ({ value: d.key, label: `${d.name} (${d.key})` })), ...(chosen ? [] : [{ value: node.process, label: node.process }])]} value={node.process} onChange={(process) => process && change((n) => ({ ...n, process, input: undefined, output: undefined } as Sub))} />
      {chosen && childVars.length > 0 && mapping('input', 'Entrées (variable de ce processus)')}
      {chosen && childVars.length > 0 && mapping('output', 'Sorties (vers la variable de ce processus)')}
    </>
  );
}

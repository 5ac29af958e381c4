// A condition built from variable, operator and value (no JSON typing): the operators offered
// are those that fit the variable's type, and the value input follows it (a choice for enums
// and booleans, a list for « est l’un de »). Nested all/any/not conditions are shown read-only.
import { Group, MultiSelect, Select, Stack, Text, TagsInput } from '@mantine/core';
import type { Comparison, ComparisonOp, Condition, Literal, Variable } from '../../../dsl/schema';
import { describeCondition, literalText, OP_LABELS, operatorsFor, opValueShape, parseLiteral } from '../graph/conditions';
import { BlurTextInput } from './fields';

function ValueInput({ variable, op, value, onChange }: { variable: Variable; op: ComparisonOp; value: Comparison['value']; onChange: (v: Comparison['value']) => void }) {
  const shape = opValueShape(op);
  if (shape === 'none') return null;
  const choices = variable.type === 'enum' ? (variable.options ?? []) : variable.type === 'boolean' ? ['oui', 'non'] : null;
  if (shape === 'list') {
    const list = Array.isArray(value) ? value.map((v) => literalText(v)) : [];
    const write = (texts: string[]) => onChange(texts.map((t) => parseLiteral(variable, t)).filter((v): v is Literal => v !== undefined));
    return choices ? (
      <MultiSelect size="xs" label="Valeurs" data={choices} value={list} onChange={write} />
    ) : (
      <TagsInput size="xs" label="Valeurs" value={list} onChange={write} />
    );
  }
  const text = Array.isArray(value) ? '' : literalText(value);
  if (choices) return <Select size="xs" label="Valeur" data={choices} value={text || null} onChange={(t) => t !== null && onChange(parseLiteral(variable, t))} />;
  return (
    <BlurTextInput
      label="Valeur"
      type={variable.type === 'date' ? 'date' : 'text'}
      value={text}
      onCommit={(t) => onChange(parseLiteral(variable, t) ?? t)}
    />
  );
}

export function ConditionEditor({ condition, variables, onChange }: { condition: Condition | undefined; variables: Variable[]; onChange: (c: Condition | undefined) => void }) {
  if (condition && !('op' in condition)) {
    return <Text size="xs">Condition composée : {describeCondition(condition, variables)}</Text>;
  }
  const c = condition as Comparison | undefined;
  const variable = variables.find((v) => v.name === c?.var);
  const ops = operatorsFor(variable);
  const setVar = (name: string | null) => {
    if (!name) return onChange(undefined);
    const v = variables.find((x) => x.name === name)!;
    const op = c && operatorsFor(v).includes(c.op) ? c.op : operatorsFor(v)[0];
    onChange(opValueShape(op) === 'none' ? { var: name, op } : { var: name, op, value: opValueShape(op) === 'list' ? [] : (v.type === 'boolean' ? true : v.type === 'enum' ? (v.options?.[0] ?? '') : '') });
  };
  const setOp = (op: ComparisonOp) => {
    if (!c) return;
    const shape = opValueShape(op);
    const keep = shape === opValueShape(c.op) ? c.value : shape === 'list' ? [] : undefined;
    onChange(shape === 'none' ? { var: c.var, op } : { var: c.var, op, value: keep ?? '' });
  };
  return (
    <Stack gap={4}>
      <Group grow gap={4} align="flex-end">
        <Select size="xs" label="Variable" data-field="when" placeholder="Choisir" data={variables.map((v) => ({ value: v.name, label: v.label || v.name }))} value={c?.var ?? null} onChange={setVar} clearable />
        <Select size="xs" label="Opérateur" disabled={!variable} data={ops.map((op) => ({ value: op, label: OP_LABELS[op] }))} value={c?.op ?? null} onChange={(op) => op && setOp(op as ComparisonOp)} />
      </Group>
      {c && variable && <ValueInput variable={variable} op={c.op} value={c.value} onChange={(value) => onChange({ ...c, value })} />}
    </Stack>
  );
}

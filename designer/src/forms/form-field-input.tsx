// One form field as the right widget for its variable's type, labelled by the field's label
// (the accessible name other tests use), its error shown beneath it.
import { Checkbox, NumberInput, Radio, Group, Select, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { FormField, RawValue } from './task-form';

interface Props {
  field: FormField;
  value: RawValue;
  error?: string;
  disabled?: boolean;
  onChange(value: RawValue): void;
}

export function FormFieldInput({ field, value, error, disabled, onChange }: Props) {
  const common = { label: field.label, required: field.required, error, disabled };
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'text':
      return <Textarea {...common} autosize minRows={3} maxRows={12} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'integer':
    case 'number':
      return (
        <NumberInput
          {...common}
          value={text}
          onChange={(v) => onChange(String(v))}
          decimalSeparator=","
          allowDecimal={field.type === 'number'}
          hideControls
          maw={240}
        />
      );
    case 'boolean':
      // Required yes/no questions start unanswered, so "non" is a choice, never a default.
      return field.required ? (
        <Radio.Group {...common} value={value === null ? '' : value ? 'true' : 'false'} onChange={(v) => onChange(v === 'true')}>
          <Group mt={4}>
            <Radio value="true" label="Oui" disabled={disabled} />
            <Radio value="false" label="Non" disabled={disabled} />
          </Group>
        </Radio.Group>
      ) : (
        <Checkbox label={field.label} error={error} disabled={disabled} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />
      );
    case 'date':
      return (
        <DateInput
          {...common}
          value={/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null}
          onChange={(v) => onChange(v ? String(v).slice(0, 10) : '')}
          valueFormat="D MMMM YYYY"
          placeholder="jj/mm/aaaa"
          clearable
          maw={280}
        />
      );
    case 'enum':
      return <Select {...common} data={field.options ?? []} value={text || null} onChange={(v) => onChange(v ?? '')} clearable={!field.required} maw={420} />;
    case 'email':
      return <TextInput {...common} type="email" value={text} onChange={(e) => onChange(e.currentTarget.value)} maw={420} />;
    case 'url':
      return <TextInput {...common} type="url" placeholder="https://" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

// Inputs that write to the document when a person is done with them (blur or Enter), so one
// change is one undo step, not one per keystroke; and the duration input in words.
import { Textarea, TextInput, type TextareaProps, type TextInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { durationToWords, wordsToDuration } from '../graph/duration-words';

type BlurProps = Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onCommit: (value: string) => void; field?: string };

export function BlurTextInput({ value, onCommit, field, ...rest }: BlurProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const done = () => text !== value && onCommit(text);
  return (
    <TextInput
      size="xs"
      {...rest}
      data-field={field}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={done}
      onKeyDown={(e) => e.key === 'Enter' && done()}
    />
  );
}

type AreaProps = Omit<TextareaProps, 'value' | 'onChange'> & { value: string; onCommit: (value: string) => void; field?: string };

export function BlurTextarea({ value, onCommit, field, ...rest }: AreaProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return <Textarea size="xs" autosize minRows={2} maxRows={6} {...rest} data-field={field} value={text} onChange={(e) => setText(e.currentTarget.value)} onBlur={() => text !== value && onCommit(text)} />;
}

/** « 30 jours », « 2 mois », « 1 an » in, ISO 8601 out; shown back in words. Empty clears. */
export function DurationInput({ value, onCommit, label, field, clearable = true }: { value: string | undefined; onCommit: (iso: string | undefined) => void; label: string; field?: string; clearable?: boolean }) {
  const words = value ? durationToWords(value) : '';
  const [text, setText] = useState(words);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(words);
    setError(null);
  }, [words]);
  const done = () => {
    if (text.trim() === '') {
      if (clearable && value !== undefined) onCommit(undefined);
      return;
    }
    const iso = wordsToDuration(text);
    if (!iso) return setError('Durée non reconnue : écrivez par exemple « 30 jours », « 2 mois » ou « 1 an ».');
    setError(null);
    if (iso !== value) onCommit(iso);
    else setText(words);
  };
  return (
    <TextInput
      size="xs"
      label={label}
      data-field={field}
      placeholder="ex. 30 jours, 2 mois, 1 an"
      value={text}
      error={error}
      description={value ? `ISO 8601 : ${value}` : undefined}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={done}
      onKeyDown={(e) => e.key === 'Enter' && done()}
    />
  );
}

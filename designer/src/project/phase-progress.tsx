// The project's phase as progress over the definition's phases, with their labels.
import { Progress, Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

interface Props {
  phases: { key: string; label: string }[];
  current: string | null;
  finished: boolean;
}

export function PhaseProgress({ phases, current, finished }: Props) {
  const wide = useMediaQuery('(min-width: 62em)', true);
  if (phases.length === 0) return <Text size="sm" c="dimmed">Ce processus n’a pas de phases.</Text>;
  const index = phases.findIndex((p) => p.key === current);
  const active = finished ? phases.length : Math.max(index, 0);
  if (!wide) {
    return (
      <div>
        <Text size="sm" fw={600}>
          Phase {Math.min(active + 1, phases.length)} sur {phases.length} : {phases[Math.min(active, phases.length - 1)]!.label}
        </Text>
        <Progress value={(Math.min(active + (finished ? 0 : 0.5), phases.length) / phases.length) * 100} mt={6} aria-label="Avancement des phases" />
      </div>
    );
  }
  return (
    <Stepper active={active} size="sm" iconSize={28} allowNextStepsSelect={false} aria-label="Phases du projet">
      {phases.map((phase) => (
        <Stepper.Step key={phase.key} label={phase.label} />
      ))}
    </Stepper>
  );
}

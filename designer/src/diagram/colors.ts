// Colours that tell roles and phases apart at a glance, assigned by declaration order so a
// process always looks the same. Readable on white with dark text.
const ROLE_COLORS = ['#1c7ed6', '#e8590c', '#2f9e44', '#ae3ec9', '#c2255c', '#0c8599', '#f08c00', '#5f3dc4'];
const PHASE_COLORS = ['#d0ebff', '#ffe8cc', '#d3f9d8', '#f3d9fa', '#fff3bf', '#c5f6fa', '#ffdeeb', '#e5dbff'];

export const roleColor = (index: number) => ROLE_COLORS[index % ROLE_COLORS.length];
export const phaseColor = (index: number) => PHASE_COLORS[index % PHASE_COLORS.length];

export const STATUS_COLORS = { done: '#2f9e44', open: '#1c7ed6', pending: '#adb5bd' } as const;
export const STATUS_LABELS = { done: 'Terminée', open: 'En cours', pending: 'À venir' } as const;

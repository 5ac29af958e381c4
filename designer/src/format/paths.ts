// Addresses of the application's pages, as the API's e-mails and calendar feed write them
// (<APP_URL>/projects/<id>/tasks/<task>); task ids hold a colon, kept readable.
export const projectPath = (projectId: string) => `/projects/${projectId}`;
export const taskPath = (projectId: string, taskId: string) => `/projects/${projectId}/tasks/${encodeURIComponent(taskId).replaceAll('%3A', ':')}`;

// The workflow bundle's entry point: every workflow type the worker registers. Imports only
// workflow code (dsl/ and @temporalio/workflow underneath).
export { projectWorkflow } from './project-workflow';

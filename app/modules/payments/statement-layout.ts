// The bank statement CSV layout (docs/bank-statements.md): column names, defaults and limits. Browser-safe,
// for the upload form; statements.server.ts reads the files.
export type StatementColumns = { date: string; amount: string; description: string; transactionId: string }
export const defaultStatementColumns: StatementColumns = { date: 'date', amount: 'amount', description: 'description', transactionId: 'transactionId' }

export const STATEMENT_LIMITS = { bytes: 2 * 1024 * 1024, lines: 5000, descriptionMax: 500, transactionIdMax: 100 } as const

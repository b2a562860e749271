/** Monthly assessment: the hrss job against one hand-written INSERT … SELECT on the same data (issue 4). */
export async function benchAssessment(_args: string[]): Promise<void> {
  console.log('not yet');
}

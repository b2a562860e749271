/** About 2,000 complaints submitted concurrently over loopback against a bare route in the same run (issue 5). */
export async function benchComplaints(_args: string[]): Promise<void> {
  console.log('not yet');
}

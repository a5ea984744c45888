export async function syncCases() {
  return [];
}

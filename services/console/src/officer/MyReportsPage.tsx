import { Placeholder } from '../ui/Placeholder';

/** To be built (issue 11). */
export default function MyReportsPage() {
  return <Placeholder name="MyReportsPage" />;
}

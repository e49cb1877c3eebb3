import { Placeholder } from '../ui/Placeholder';

/** To be built (issue 11). */
export default function RequestsPage() {
  return <Placeholder name="RequestsPage" />;
}

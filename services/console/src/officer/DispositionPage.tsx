import { Placeholder } from '../ui/Placeholder';

/** To be built (issue 11). */
export default function DispositionPage() {
  return <Placeholder name="DispositionPage" />;
}

import { Placeholder } from '../ui/Placeholder';

/** To be built (issue 11). */
export default function DiversionPage() {
  return <Placeholder name="DiversionPage" />;
}

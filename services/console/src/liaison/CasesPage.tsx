import { Placeholder } from '../ui/Placeholder';

/** To be built (issue 11). */
export default function CasesPage() {
  return <Placeholder name="CasesPage" />;
}

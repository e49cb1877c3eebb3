import { Placeholder } from '../ui/Placeholder';

/** To be built (issue 11). */
export default function BrokerPage() {
  return <Placeholder name="BrokerPage" />;
}

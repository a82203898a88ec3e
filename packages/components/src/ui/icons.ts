import type { ComponentKind } from '@scaleboard/schema'
import {
  Activity,
  Archive,
  Boxes,
  CalendarClock,
  Cpu,
  Database,
  DatabaseZap,
  Globe,
  LifeBuoy,
  ListEnd,
  type LucideIcon,
  MemoryStick,
  Microchip,
  MonitorSmartphone,
  Router,
  Scaling,
  ScrollText,
  Split,
  SquareDashed,
  TableProperties,
  Warehouse,
  Waves,
} from 'lucide-react'
import { COMPONENT_CATALOGUE } from '../catalogue/componentCatalogue.ts'

// Imported one by one (not lucide's dynamic map) so the bundle carries only these icons.
const ICONS_BY_NAME: Record<string, LucideIcon> = {
  Activity,
  Archive,
  Boxes,
  CalendarClock,
  Cpu,
  Database,
  DatabaseZap,
  Globe,
  LifeBuoy,
  ListEnd,
  MemoryStick,
  Microchip,
  MonitorSmartphone,
  Router,
  Scaling,
  ScrollText,
  Split,
  SquareDashed,
  TableProperties,
  Warehouse,
  Waves,
}

/** The lucide icon named by a catalogue icon name, if this module imports it. */
export function getIconByName(name: string): LucideIcon | undefined {
  return Object.hasOwn(ICONS_BY_NAME, name) ? ICONS_BY_NAME[name] : undefined
}

/** The icon a kind is drawn with; a neutral box if the catalogue names one not imported here. */
export function getComponentIcon(kind: ComponentKind): LucideIcon {
  return getIconByName(COMPONENT_CATALOGUE[kind].icon) ?? Boxes
}

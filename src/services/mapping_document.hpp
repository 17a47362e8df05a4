// Between the stored mapping (store records) and the mapping document of the engine and
// the export format (godwit::mapping::MappingDocument). Pure conversions.
#pragma once

#include <string>

#include "mapping/model.hpp"
#include "store/repositories/mapping_repository.hpp"

namespace godwit::services {

store::FieldMappingRecord to_record(const mapping::FieldMapping& field,
                                    const std::string& formula_dialect);
mapping::FieldMapping to_model(const store::FieldMappingRecord& record);
store::TableMappingRecord to_record(const mapping::TableMapping& table);
mapping::TableMapping to_model(const store::TableMappingRecord& record);

}  // namespace godwit::services
